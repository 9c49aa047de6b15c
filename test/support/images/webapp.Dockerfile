FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /www /tmp /app
COPY app-start.sh /app/start.sh
EXPOSE 8888
CMD ["/bin/sh", "/app/start.sh"]
