# Ignores SIGTERM, as busybox httpd does as PID 1: stop has to wait or kill.
FROM remoteapp-test/webapp:1
CMD ["/bin/sh", "-c", "trap '' TERM; while :; do sleep 1; done"]
