// SPDX-License-Identifier: GPL-3.0-or-later
#include "window.h"
#include "mainwindow.h"
#include "recording/export.h"
