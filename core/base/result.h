// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Sockpit {

// An error a user can act on: what failed and, where it helps, why and what to do.
struct Error
{
    QString message;
    int code = 0; // errno where one caused it, so callers can choose a fallback

    // The same error seen from one level up: "CONTEXT: message", the code kept.
    Error prefixed(const QString &context) const { return {context + QStringLiteral(": ") + message, code}; }
};

// Errors are values at module boundaries (a small std::expected for C++20).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &std::get<0>(m_data); }
    const T &operator*() const & { return value(); }

    // Empty on success, so assertion messages may be built before the check.
    const QString &error() const
    {
        static const QString none;
        return ok() ? none : std::get<1>(m_data).message;
    }
    int errorCode() const { return ok() ? 0 : std::get<1>(m_data).code; }
    // The error as a value, message and code, to hand on as another Result's failure
    // (return other.failure();); an empty Error on success.
    Error failure() const { return ok() ? Error{} : std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error.message)), m_code(error.code), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }
    int errorCode() const { return m_code; }
    Error failure() const { return {m_error, m_code}; }

private:
    QString m_error;
    int m_code = 0;
    bool m_failed = false;
};

} // namespace Sockpit
