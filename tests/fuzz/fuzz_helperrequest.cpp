// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for what sockpit-helper does with untrusted bytes before touching the
// kernel: parse the request, then validate its changes with the catalogue. Besides
// crashes and sanitizer reports it checks two properties: a parsed request serialises
// and parses back to the same request, and a validated value is canonical (validating
// it again gives it unchanged).

#include "tuning/catalogue.h"
#include "tuning/helperrequest.h"
#include "tuning/validator.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using namespace Sockpit;

namespace {

const ValidationContext &context()
{
    static const ValidationContext fixed = [] {
        ValidationContext c;
        c.congestionControls = {QStringLiteral("reno"), QStringLiteral("cubic"), QStringLiteral("bbr")};
        c.queueDisciplines = Catalogue::queueDisciplines();
        return c;
    }();
    return fixed;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto request = HelperProtocol::parseRequest(bytes);
    if (!request)
        return 0;
    auto again = HelperProtocol::parseRequest(HelperProtocol::serializeRequest(request.value()).trimmed());
    if (!again || again->action != request->action || again->changes != request->changes
        || again->persist != request->persist || again->confirmWithinSeconds != request->confirmWithinSeconds
        || again->transaction != request->transaction || again->socket != request->socket
        || again->acknowledged != request->acknowledged)
        std::abort();
    auto valid = validateChanges(request->changes, context());
    if (!valid)
        return 0;
    for (const ValidatedChange &change : valid.value()) {
        auto canonical = validateChange(change.key, change.value, context());
        if (!canonical || canonical->value != change.value)
            std::abort();
    }
    return 0;
}
