#!/bin/sh
# installer/oneseal-hub-backup against a real hub folder: each run writes a checked backup, and only
# the newest ONESEAL_BACKUP_KEEP stay. Arguments: the script, oneseal-admin, a scratch folder.
set -eu
script="$1"; admin="$2"; scratch="$3"
rm -rf "$scratch"; mkdir -p "$scratch"
printf 'demo1234\ndemo1234\n' | "$admin" hub init --dir "$scratch/hub" --hall "Test hall" --test-fast-kdf >/dev/null
export ONESEAL_HUB_DIR="$scratch/hub" ONESEAL_BACKUP_DIR="$scratch/backups" ONESEAL_BACKUP_KEEP=2 ONESEAL_ADMIN="$admin"
mkdir -p "$scratch/backups"; touch "$scratch/backups/notes.txt"
for i in 1 2 3; do
    "$script" >/dev/null 2>&1 || { echo "run $i failed"; exit 1; }
    sleep 1.1 # a new name each second
done
n=$(ls -1 "$scratch/backups" | grep -c '\.osbk$')
[ "$n" -eq 2 ] || { echo "expected 2 backups, found $n"; ls -l "$scratch/backups"; exit 1; }
[ -f "$scratch/backups/notes.txt" ] || { echo "a file the script does not own was removed"; exit 1; }
for f in "$scratch"/backups/*.osbk; do "$admin" hub verify-backup --dir "$scratch/hub" "$f" >/dev/null 2>&1 || { echo "$f does not verify"; exit 1; }; done
ONESEAL_BACKUP_KEEP=0 "$script" >/dev/null 2>&1 && { echo "KEEP=0 accepted"; exit 1; }
rm -rf "$scratch"
echo "ok"
