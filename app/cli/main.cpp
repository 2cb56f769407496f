// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"
int main() { return 0; }
