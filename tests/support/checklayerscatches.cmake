# SPDX-License-Identifier: GPL-3.0-or-later
# The layering check must fail, and say where, on FIXTURE_DIR: a small tree with includes
# that run the wrong way next to ones that are allowed (tests/data/layering). Passes only
# when every wrong one is named and nothing else is.
# Usage: cmake -DCHECK=<checklayers.cmake> -DFIXTURE_DIR=<tree> -P checklayerscatches.cmake
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${FIXTURE_DIR} -P ${CHECK}
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(result EQUAL 0)
    message(FATAL_ERROR "the layering check passed a tree with wrong-way includes:\n${output}")
endif()

set(expected
    [[core/base/wrongway.h: "sampling/snapshot.h" runs against the layering (core/base -> core/sampling)]]
    [[core/capture/observation.h: "analysis/analyser.h" runs against the layering (core/capture -> core/analysis)]]
    [[core/probes/prober.cpp: "snapshot.h" does not name its room]]
    [[core/probes/prober.h: "recording/export.h" runs against the layering (core/probes -> core/recording)]]
    [[core/sampling/sampler.cpp: "pages/page.h" runs against the layering (core/sampling -> ui)]]
    [[core/tuning/plan.cpp: "capture/observation.h" runs against the layering (core/tuning -> core/capture)]]
    [[ui/pages/page.h: "../../app/gui/window.h" climbs out of its folder]])
foreach(line IN LISTS expected)
    string(FIND "${output}" "${line}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the layering check did not report\n  ${line}\nit said:\n${output}")
    endif()
endforeach()

# Allowed includes in the fixture (analysis -> tuning, recording -> probes, ui -> core,
# app -> ui, app's same-folder header) must not be reported.
string(REGEX MATCHALL "\n    [a-z]+/[^\n]*" reported "${output}")
list(LENGTH reported got)
list(LENGTH expected want)
if(NOT got EQUAL want)
    message(FATAL_ERROR "the layering check reported ${got} includes, ${want} expected:\n${output}")
endif()
message(STATUS "the layering check catches all ${want} wrong-way includes of the fixture")
