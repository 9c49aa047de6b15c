# The web app holding 48 MiB in memory: a file in /dev/shm, the container's own tmpfs,
# whose pages are charged to the container and never reclaimed while the file exists.
FROM remoteapp-test/webapp:1
CMD ["/bin/sh", "-c", "head -c 50331648 /dev/zero > /dev/shm/hold && exec /bin/sh /app/start.sh"]
