#!/bin/sh
# Nightly backup and deploy script an assistant wrote.
set -eu
# ruleid: any.cli-password-argument
mysqldump -u root -proot123 shop > /backups/shop.sql
# ruleid: any.cli-password-argument
sshpass -p 'Deploy2024' ssh deploy@web1.example.com 'systemctl restart app'
# ruleid: any.cli-password-argument
PGPASSWORD=postgres psql -h db -U app -c 'VACUUM'
# ruleid: any.cli-password-argument
redis-cli -h cache -a redispass FLUSHALL
# ok: any.cli-password-argument
mysqldump -u root -p"$DB_PASS" shop > /backups/shop.sql
# ok: any.cli-password-argument
PGPASSWORD="$PGPASS" psql -h db -U app -c 'VACUUM'
# ok: any.cli-password-argument
sshpass -e ssh deploy@web1.example.com uptime
# ruleid: any.url-embedded-credentials
git clone https://deploy:Sup3rS3cret@git.northwind-apps.com/team/app.git
# ruleid: any.url-embedded-credentials
curl -T backup.tar ftp://backup:ftpPass99@files.northwind-apps.com/nightly/
# ok: any.url-embedded-credentials
git clone "https://oauth2:${GITLAB_TOKEN}@gitlab.example.com/team/app.git"
# ok: any.url-embedded-credentials
curl https://user:password@example.com/docs
# ok: any.url-embedded-credentials
git fetch https://deploy:Sup3rS3cret@git.example.com/team/app.git
# ok: any.url-embedded-credentials
git remote add mirror https://ci:hunter2Pass@mirror.test/team/app.git
# ruleid: any.url-embedded-credentials
git remote add mirror https://ci:hunter2Pass@mirror.acme-builds.io/team/app.git
