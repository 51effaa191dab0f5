#!/usr/bin/env bash
# The seed deliberation of 22 March 2022 run as a clerk would, with scrutinctl,
# against a running server. Usage:
#   deploy/seed-session.sh BUILD_DIR DATA_DIR PASSPHRASE_FILE setup   # up to the open ballot
#   deploy/seed-session.sh BUILD_DIR DATA_DIR PASSPHRASE_FILE vote    # the 56 votes from tablets' PINs
#   deploy/seed-session.sh BUILD_DIR DATA_DIR PASSPHRASE_FILE close   # close and export the record
set -euo pipefail
BUILD=$1 DATA=$2 PASS=$3 STEP=$4
HERE=$(cd "$(dirname "$0")/.." && pwd)
ctl() { "$BUILD/client/ctl/scrutinctl" "$@" --data "$DATA" --passphrase-file "$PASS"; }
ITEM=20220322-59
t() { printf 'T%02d\n' "$1"; }
# mandant:holder, as in the extract ("Maryse BARGE à Olivier CHAMBON", ...)
PROXIES="44:2 45:6 46:2 47:15 48:20 49:30 50:34 51:29 52:39 53:5"

case "$STEP" in
setup)
  ctl session configure --rules french-2020 --seats 58 \
    --body "Conseil Communautaire" --body-name "Communauté de communes Thiers Dore et Montagne" \
    --body-address '47 avenue du Général de Gaulle\n63300 THIERS\ncontact@cctdm.fr\n04.73.53.24.71\nwww.cctdm.fr' \
    --siren 200070712 --siret 20007071200014 --department 063 --date 2022-03-22 --time 18:30 \
    --place "Salle Armstrong – ESPACE – Place St Exupéry 63300 THIERS" --convocation-date 2022-03-11 \
    --president T05 --president-title Président --secretary T16
  ctl roster import "$HERE/tests/fixtures/seed-roster.csv" --pins-out "$DATA/pins.csv"
  ctl checkin $(for n in $(seq 1 43); do t "$n"; done)
  ctl excuse $(for n in $(seq 54 58); do t "$n"; done)
  ctl checkin S01 S02 S03
  for p in $PROXIES; do ctl proxy add "$(t "${p%%:*}")" "$(t "${p##*:}")"; done
  ctl item add --id "$ITEM" --rapporteur T29 --rapporteur-title Vice-Président --matter-code 7.10 \
    --matter-name "Finances locales - Divers" \
    --title "CONVENTION DE PARTENARIAT TERRITOIRE D'INDUSTRIE LEZOUX THIERS AMBERT MONTBRISON" \
    --text "L'initiative « Territoires d'industrie » s'inscrit dans le cadre d'une stratégie nationale de reconquête industrielle et de développement des territoires." \
    --decision 'Approuve la présente convention de partenariat ;\nAutorise le Président à signer ladite convention et tout document s'"'"'y rapportant.'
  ctl ballot open "$ITEM" --mode public
  ;;
vote)
  pin() { awk -F, -v id="$1" '$1 == id { print $NF }' "$DATA/pins.csv"; }
  for n in $(seq 1 43); do ctl vote "$ITEM" "$(t "$n")" pour --member "$(t "$n")" --pin "$(pin "$(t "$n")")"; done
  for s in S01 S02 S03; do ctl vote "$ITEM" "$s" pour --member "$s" --pin "$(pin "$s")"; done
  for p in $PROXIES; do
    holder=$(t "${p##*:}")
    ctl vote "$ITEM" "$(t "${p%%:*}")" pour --member "$holder" --pin "$(pin "$holder")"
  done
  ;;
close)
  # The clerk may have closed it from the console already (demo-room.sh): then say so and go on.
  if ! ctl ballot close "$ITEM" 2> "$DATA.close.err"; then
    grep -q "already closed" "$DATA.close.err" || { cat "$DATA.close.err" >&2; exit 1; }
    echo "the ballot on $ITEM was closed from the clerk's console"
  fi
  mkdir -p "$DATA/export"
  ctl export json --out "$DATA/export/session.json"
  ctl export text --out "$DATA/export/extract.txt"
  ctl export pdf --item "$ITEM" --out "$DATA/export/extract.pdf"
  ctl export csv --out "$DATA/export/deliberations.csv"
  "$BUILD/client/ctl/scrutinctl" verify --journal "$DATA/journal.sqlite" --against "$DATA/export/session.json"
  ;;
*) echo "unknown step $STEP (setup, vote or close)" >&2; exit 2 ;;
esac
