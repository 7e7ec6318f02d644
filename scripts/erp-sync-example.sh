#!/usr/bin/env bash
# An ERP's side of qualtrack, with nothing but curl, jq and openssl
# (docs/integrations.md):
#
#   pull    the approved-supplier list (sites qualified or conditional) as
#           CSV, read with a service token:
#             QUALTRACK_URL=https://qualtrack.example.com QUALTRACK_TOKEN=qt_... \
#               scripts/erp-sync-example.sh pull > approved-sites.csv
#
#   verify  a webhook delivery: the X-Qualtrack-Signature header's value and
#           the raw request body (a file), with the subscription's secret:
#             QUALTRACK_WEBHOOK_SECRET=whsec_... \
#               scripts/erp-sync-example.sh verify 't=1781517600,v1=5257a8...' body.json
#           exits 0 and prints the event's type and id when it is genuine
#           and fresh, 1 otherwise.
set -euo pipefail

# A delivery older (or newer) than this is refused as a possible replay.
REPLAY_WINDOW_SECONDS=300

die() { echo "erp-sync-example: $*" >&2; exit 1; }

pull() {
  : "${QUALTRACK_URL:?set QUALTRACK_URL, e.g. https://qualtrack.example.com}"
  : "${QUALTRACK_TOKEN:?set QUALTRACK_TOKEN to a service token (qt_...)}"
  # Page after page by the cursor each page hands out (next), until a page
  # has none: each page is read from where the last one ended, and the end
  # does not depend on the total, which a long list counts only so far.
  local next="" seen=0 body status
  echo "site_code,site_name,manufacturer_id,manufacturer,country,status,conditional_until,next_inspection_due,overdue"
  while :; do
    body=$(mktemp)
    status=$(curl -sS -o "$body" -w '%{http_code}' -G \
      -H "Authorization: Bearer $QUALTRACK_TOKEN" \
      --data-urlencode "status=qualified,conditional" --data-urlencode "sort=code" --data-urlencode "page_size=200" \
      ${next:+--data-urlencode "after=$next"} \
      "$QUALTRACK_URL/api/v1/sites")
    if [ "$status" != 200 ]; then
      jq -r '.error.message // empty' "$body" >&2 || true
      rm -f "$body"
      die "GET /sites answered $status"
    fi
    jq -r '.items[] | [.code, .name, .manufacturer_id, .manufacturer_name, .country, .qualification_status,
      (.conditional_until // ""), (.next_inspection_due // ""), .overdue] | @csv' "$body"
    next=$(jq -r '.next // empty' "$body")
    seen=$((seen + $(jq -r '.items | length' "$body")))
    rm -f "$body"
    [ -n "$next" ] || break
  done
  echo "pulled $seen approved site(s)" >&2
}

verify() {
  [ $# -eq 2 ] || die "usage: verify SIGNATURE_HEADER BODY_FILE"
  : "${QUALTRACK_WEBHOOK_SECRET:?set QUALTRACK_WEBHOOK_SECRET to the signing secret of the subscription (whsec_...)}"
  local header=$1 file=$2 t="" v1="" part now expected
  [ -r "$file" ] || die "cannot read $file"
  IFS=',' read -ra parts <<<"$header"
  for part in "${parts[@]}"; do
    case "$part" in
      t=*) t=${part#t=} ;;
      v1=*) v1=${part#v1=} ;;
    esac
  done
  [[ "$t" =~ ^[0-9]+$ ]] && [ -n "$v1" ] || die "the header has no t= and v1="
  now=$(date +%s)
  if [ $((now - t)) -gt $REPLAY_WINDOW_SECONDS ] || [ $((t - now)) -gt $REPLAY_WINDOW_SECONDS ]; then
    die "refused: signed at $t, now $now: outside the ${REPLAY_WINDOW_SECONDS}s replay window"
  fi
  # HMAC-SHA256 over "<t>.<body>", the body byte for byte as received.
  expected=$({ printf '%s.' "$t"; cat "$file"; } | openssl dgst -sha256 -hmac "$QUALTRACK_WEBHOOK_SECRET" -r | cut -d' ' -f1)
  # A shell cannot compare in constant time; a receiver in a real language
  # must (hmac.Equal, crypto.timingSafeEqual, hmac.compare_digest).
  [ "$expected" = "$v1" ] || die "refused: the signature does not match"
  jq -r '"verified: \(.type) \(.id)"' "$file"
}

case "${1:-}" in
  pull) shift; pull "$@" ;;
  verify) shift; verify "$@" ;;
  *) die "usage: $0 pull | verify SIGNATURE_HEADER BODY_FILE" ;;
esac
