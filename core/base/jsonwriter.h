// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace Sockpit {

// A streaming JSON writer for large outputs (100k sockets): appends to one buffer and
// hands it to `sink` in chunks, with no per-value allocation. The caller keeps the
// structure balanced; commas are inserted for it.
class JsonWriter
{
public:
    using Sink = std::function<void(std::string_view)>;
    explicit JsonWriter(Sink sink, size_t chunkSize = 256 * 1024);
    ~JsonWriter();
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view name); // names are plain ASCII identifiers

    JsonWriter &value(std::string_view text); // escaped
    JsonWriter &value(const QString &text);
    JsonWriter &value(const char *text) { return value(std::string_view(text)); }
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(quint32 number) { return value(qint64(number)); }
    JsonWriter &value(quint16 number) { return value(qint64(number)); }
    JsonWriter &value(double number, int decimals); // NaN and infinities become null
    JsonWriter &value(bool flag);
    JsonWriter &null();
    // A string value the caller guarantees needs no escaping (addresses, state names).
    JsonWriter &plainString(std::string_view text);
    JsonWriter &newline(); // between array elements, for readable line-per-item output
    // A complete JSON value the caller built (and escaped) itself: the fast path for
    // writing 100k similar objects.
    JsonWriter &rawValue(std::string_view json);

    // Appends text as a quoted JSON string: quotes, backslashes and control characters
    // escaped, everything else (UTF-8 included) as it is.
    static void appendString(std::string &out, std::string_view text);

    void flush();

private:
    void separate();
    void reserve(size_t bytes);

    Sink m_sink;
    size_t m_chunkSize;
    std::string m_buffer;
    uint64_t m_needsComma = 0; // one bit per nesting level
    int m_depth = 0;
    bool m_afterKey = false;
};

// Times in machine-readable output are ISO 8601 UTC with milliseconds:
// "2026-11-21T19:36:42.123Z"
QByteArray isoUtc(const QDateTime &time);

} // namespace Sockpit
