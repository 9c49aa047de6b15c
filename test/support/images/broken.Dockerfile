# Creates fine, fails at start: the entrypoint does not exist.
FROM remoteapp-test/webapp:1
ENTRYPOINT ["/no/such/entrypoint"]
