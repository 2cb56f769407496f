// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/jsonwriter.h"

#include <charconv>
#include <cmath>

namespace Sockpit {

JsonWriter::JsonWriter(Sink sink, size_t chunkSize) : m_sink(std::move(sink)), m_chunkSize(chunkSize)
{
    m_buffer.reserve(chunkSize + 4096);
}

JsonWriter::~JsonWriter()
{
    flush();
}

void JsonWriter::flush()
{
    if (!m_buffer.empty()) {
        m_sink(m_buffer);
        m_buffer.clear();
    }
}

void JsonWriter::reserve(size_t bytes)
{
    if (m_buffer.size() + bytes > m_chunkSize)
        flush();
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    const uint64_t bit = uint64_t(1) << m_depth;
    if (m_needsComma & bit)
        m_buffer.push_back(',');
    m_needsComma |= bit;
}

JsonWriter &JsonWriter::beginObject()
{
    reserve(64);
    separate();
    m_buffer.push_back('{');
    ++m_depth;
    m_needsComma &= ~(uint64_t(1) << m_depth);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    --m_depth;
    m_buffer.push_back('}');
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    reserve(64);
    separate();
    m_buffer.push_back('[');
    ++m_depth;
    m_needsComma &= ~(uint64_t(1) << m_depth);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    --m_depth;
    m_buffer.push_back(']');
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view name)
{
    reserve(name.size() + 8);
    separate();
    m_buffer.push_back('"');
    m_buffer.append(name);
    m_buffer.append("\":", 2);
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::plainString(std::string_view text)
{
    reserve(text.size() + 4);
    separate();
    m_buffer.push_back('"');
    m_buffer.append(text);
    m_buffer.push_back('"');
    return *this;
}

void JsonWriter::appendString(std::string &out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    size_t clean = 0; // start of the run that needs no escaping
    for (size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (u >= 0x20 && u != '"' && u != '\\' && u != 0x7f)
            continue;
        out.append(text.data() + clean, i - clean);
        clean = i + 1;
        switch (u) {
        case '"': out.append("\\\"", 2); break;
        case '\\': out.append("\\\\", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        case '\t': out.append("\\t", 2); break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 15]};
            out.append(escaped, sizeof escaped);
        }
        }
    }
    out.append(text.data() + clean, text.size() - clean);
    out.push_back('"');
}

JsonWriter &JsonWriter::value(std::string_view text)
{
    reserve(text.size() * 6 + 4);
    separate();
    appendString(m_buffer, text);
    return *this;
}

JsonWriter &JsonWriter::rawValue(std::string_view json)
{
    reserve(json.size() + 2);
    separate();
    m_buffer.append(json);
    return *this;
}

JsonWriter &JsonWriter::value(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return value(std::string_view(utf8.constData(), size_t(utf8.size())));
}

JsonWriter &JsonWriter::value(qint64 number)
{
    reserve(24);
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    m_buffer.append(digits, size_t(end - digits));
    return *this;
}

JsonWriter &JsonWriter::value(double number, int decimals)
{
    if (!std::isfinite(number))
        return null();
    reserve(48);
    separate();
    char digits[48];
    const auto end = std::to_chars(digits, digits + sizeof digits, number, std::chars_format::fixed, decimals).ptr;
    // Trim trailing zeros so 0.500 prints as 0.5 and 3.000 as 3.
    const char *last = end;
    if (decimals > 0) {
        while (last > digits && last[-1] == '0')
            --last;
        if (last > digits && last[-1] == '.')
            --last;
    }
    m_buffer.append(digits, size_t(last - digits));
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    reserve(8);
    separate();
    m_buffer.append(flag ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::null()
{
    reserve(8);
    separate();
    m_buffer.append("null", 4);
    return *this;
}

JsonWriter &JsonWriter::newline()
{
    m_buffer.push_back('\n');
    return *this;
}

QByteArray isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs).toLatin1();
}

} // namespace Sockpit
