// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/uniquefd.h"

#include <unistd.h>

namespace Sockpit {

UniqueFd::~UniqueFd()
{
    reset();
}

UniqueFd &UniqueFd::operator=(UniqueFd &&other) noexcept
{
    if (this != &other)
        reset(other.release());
    return *this;
}

int UniqueFd::release()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

void UniqueFd::reset(int fd)
{
    if (m_fd == fd)
        return;
    // close(2): on Linux the descriptor is released even when close fails with EINTR, so
    // it is never retried (retrying could close a descriptor another thread just opened).
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

} // namespace Sockpit
