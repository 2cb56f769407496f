// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/jsonwriter.h"
#include "probes/tlsinspector.h"

namespace Sockpit {

// sockpit.tls/1: {schema, host, port, sni, verify_name, address, outcome, verified,
// error, protocol, cipher, cipher_bits, timings_ms{dns, connect, handshake},
// name_matches, chain[{subject, common_name, issuer, not_before, not_after,
// days_to_expiry, sans[], key{type, bits}, self_signed, serial, sha256}],
// problems[{code, certificate, message}]}. Times ISO 8601 UTC.
void writeTlsJson(const TlsReport &report, JsonWriter &json);

// The same for a person: the session, the chain one certificate per paragraph, then
// "verified" or every problem in plain words.
QString tlsReportText(const TlsReport &report);

} // namespace Sockpit
