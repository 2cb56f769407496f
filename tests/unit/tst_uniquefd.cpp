// SPDX-License-Identifier: GPL-3.0-or-later
// UniqueFd: one owner per descriptor, closed exactly once, on real descriptors from pipe(2).
#include "base/uniquefd.h"

#include <QTest>

#include <fcntl.h>
#include <type_traits>
#include <unistd.h>
#include <utility>

using namespace Sockpit;

namespace {

bool isOpen(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1;
}

// Both ends of a fresh pipe, each owned by nobody yet.
std::pair<int, int> makePipe()
{
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return {-1, -1};
    return {fds[0], fds[1]};
}

} // namespace

class TestUniqueFd final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isMoveOnly()
    {
        static_assert(!std::is_copy_constructible_v<UniqueFd>);
        static_assert(!std::is_copy_assignable_v<UniqueFd>);
        static_assert(std::is_nothrow_move_constructible_v<UniqueFd>);
        static_assert(std::is_nothrow_move_assignable_v<UniqueFd>);
    }

    void emptyOwnsNothing()
    {
        UniqueFd fd;
        QCOMPARE(fd.get(), -1);
        QVERIFY(!fd.isValid());
        QVERIFY(!fd);
        QCOMPARE(fd.release(), -1);
        fd.reset(); // closing nothing is fine
    }

    void closesOnDestruction()
    {
        const auto [readEnd, writeEnd] = makePipe();
        QVERIFY(readEnd >= 0);
        {
            UniqueFd owner(readEnd);
            QCOMPARE(owner.get(), readEnd);
            QVERIFY(owner);
            QVERIFY(isOpen(readEnd));
        }
        QVERIFY(!isOpen(readEnd));
        ::close(writeEnd);
    }

    void releaseGivesUpWithoutClosing()
    {
        const auto [readEnd, writeEnd] = makePipe();
        QVERIFY(readEnd >= 0);
        int released = -1;
        {
            UniqueFd owner(readEnd);
            released = owner.release();
            QCOMPARE(owner.get(), -1);
        }
        QCOMPARE(released, readEnd);
        QVERIFY(isOpen(readEnd));
        ::close(readEnd);
        ::close(writeEnd);
    }

    void resetClosesTheOldOne()
    {
        const auto [readEnd, writeEnd] = makePipe();
        QVERIFY(readEnd >= 0);
        UniqueFd owner(readEnd);
        owner.reset(writeEnd);
        QVERIFY(!isOpen(readEnd));
        QVERIFY(isOpen(writeEnd));
        QCOMPARE(owner.get(), writeEnd);
        owner.reset(writeEnd); // the same descriptor again: kept, not closed
        QVERIFY(isOpen(writeEnd));
        owner.reset();
        QVERIFY(!isOpen(writeEnd));
        QCOMPARE(owner.get(), -1);
    }

    void moveTransfersOwnership()
    {
        const auto [readEnd, writeEnd] = makePipe();
        QVERIFY(readEnd >= 0);
        UniqueFd first(readEnd);
        UniqueFd second(std::move(first));
        QCOMPARE(first.get(), -1); // NOLINT(bugprone-use-after-move): moved-from owns nothing
        QCOMPARE(second.get(), readEnd);

        UniqueFd third(writeEnd);
        third = std::move(second); // closes what third held
        QVERIFY(!isOpen(writeEnd));
        QCOMPARE(third.get(), readEnd);
        QVERIFY(isOpen(readEnd));
    }
};

QTEST_GUILESS_MAIN(TestUniqueFd)
#include "tst_uniquefd.moc"
