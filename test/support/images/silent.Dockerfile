# Runs but never answers HTTP: for readiness time-outs.
FROM remoteapp-test/webapp:1
CMD ["/bin/sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
