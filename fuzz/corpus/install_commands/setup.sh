#!/bin/sh
set -e
python3 -m pip install --user black$(echo)==24.4.2
sudo npm i -g 'ts-node'@10 "nodemon"
if true; then cargo add tokio -F full; fi
