// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Sockpit {

// Owns one file descriptor and closes it when it goes out of scope, so an early return
// cannot leak a netlink socket or a file opened with O_CLOEXEC. Move-only: a descriptor
// has exactly one owner. -1 means "owns nothing".
class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd();

    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;
    UniqueFd(UniqueFd &&other) noexcept : m_fd(other.release()) {}
    UniqueFd &operator=(UniqueFd &&other) noexcept;

    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }
    explicit operator bool() const { return isValid(); }

    // Gives the descriptor up without closing it; the caller owns it from now on.
    int release();
    // Closes what is owned (if anything) and takes FD instead.
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

} // namespace Sockpit
