#!/bin/sh
# The test web app: serves a page listing its environment, at / and at the
# container's urlpath (as a simphony-remote app does), and stops on SIGTERM.
page='<!doctype html><title>remoteapp test app</title>'
dir="/www${JPY_BASE_USER_URL}/containers/${URL_ID}"
mkdir -p "$dir"
{ echo "$page<pre id=\"env\">"; env | sort; echo '</pre>'; } > /www/index.html
cp /www/index.html "$dir/index.html"
httpd -f -p 8888 -h /www &
trap 'kill $!; exit 0' TERM
wait
