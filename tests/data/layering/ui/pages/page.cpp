// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/page.h"
#include "analysis/analyser.h"
#include "mainwindow.h"
