# The web app beside a busy loop that keeps one CPU busy: for resource readings.
# start.sh becomes PID 1; when it exits on SIGTERM, the loop goes with the container.
FROM remoteapp-test/webapp:1
CMD ["/bin/sh", "-c", "while :; do :; done & exec /bin/sh /app/start.sh"]
