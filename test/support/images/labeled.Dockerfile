FROM remoteapp-test/webapp:1
LABEL eu.simphony-project.docker.ui_name="Test Web App" \
      eu.simphony-project.docker.description="A tiny HTTP app used to exercise the container manager" \
      eu.simphony-project.docker.type="webapp" \
      eu.simphony-project.docker.icon_128="iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" \
      eu.simphony-project.docker.env.x11-width="" \
      eu.simphony-project.docker.env.x11-height="" \
      eu.simphony-project.docker.env.x11-depth=""
