# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when an include under SOURCE_DIR/{core,ui,app} runs against the layering of
# DESIGN.md: app -> ui -> core, and inside core
#   base      <- everything; includes nothing of core
#   sampling  -> base
#   capture   -> sampling, base
#   analysis  -> capture, sampling, base, tuning (rules check proposals against the catalogue)
#   probes    -> sampling, base (the passive view reads snapshots)
#   tuning    -> base only: it is what runs as root
#   recording -> any room of core
# Core never includes ui or app; ui never includes app. An include names its room
# ("sampling/snapshot.h"); ui's own top-level headers and app's same-folder headers are the
# only bare ones, and no include climbs out with "..".
# Usage: cmake -DSOURCE_DIR=<tree> -P checklayers.cmake
cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR)
    message(FATAL_ERROR "checklayers.cmake: SOURCE_DIR is not set")
endif()
get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)

set(allowed_base "")
set(allowed_sampling base)
set(allowed_capture sampling base)
set(allowed_analysis capture sampling base tuning)
set(allowed_probes sampling base)
set(allowed_tuning base)
set(allowed_recording base sampling capture analysis probes tuning)
set(rooms base sampling capture analysis probes tuning recording)

file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
    "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp"
    "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp"
    "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/app/*.cpp")
list(SORT sources)
if(NOT sources)
    message(FATAL_ERROR "no sources under ${SOURCE_DIR}/{core,ui,app}: nothing to check")
endif()

set(offenders "")
set(count 0)
foreach(source IN LISTS sources)
    # Where the including file lives: "core/<room>", "ui" or "app".
    string(REGEX MATCH "^[^/]+" top "${source}")
    if(top STREQUAL "core")
        string(REGEX MATCH "^core/([^/]+)/" dummy "${source}")
        set(from "${CMAKE_MATCH_1}")
        if(NOT from IN_LIST rooms)
            list(APPEND offenders "${source}: core/ has no room for this file")
            continue()
        endif()
    else()
        set(from "${top}")
    endif()
    get_filename_component(folder "${SOURCE_DIR}/${source}" DIRECTORY)

    file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*$" "\\1" name "${line}")
        if(name MATCHES "\\.moc$")
            continue()
        endif()
        math(EXPR count "${count} + 1")
        set(where "${source}: \"${name}\"")
        if(name MATCHES "(^|/)\\.\\.(/|$)")
            list(APPEND offenders "${where} climbs out of its folder")
            continue()
        endif()

        # What the include names: a room of core, ui, or a file beside the includer.
        set(to "")
        set(in_core FALSE)
        set(in_ui FALSE)
        if(name MATCHES "/" AND EXISTS "${SOURCE_DIR}/core/${name}")
            set(in_core TRUE)
        endif()
        if(EXISTS "${SOURCE_DIR}/ui/${name}")
            set(in_ui TRUE)
        endif()
        if(in_core AND in_ui)
            list(APPEND offenders "${where} names a file in both core/ and ui/")
            continue()
        elseif(in_core)
            string(REGEX MATCH "^[^/]+" to "${name}")
            set(to "core/${to}")
        elseif(in_ui)
            set(to "ui")
        elseif(from STREQUAL "app" AND NOT name MATCHES "/" AND EXISTS "${folder}/${name}")
            set(to "app")
        else()
            list(APPEND offenders "${where} does not name its room (\"sampling/snapshot.h\")")
            continue()
        endif()

        # Is the arrow allowed?
        set(ok FALSE)
        if(from STREQUAL "app")
            set(ok TRUE)
        elseif(from STREQUAL "ui")
            if(NOT to STREQUAL "app")
                set(ok TRUE)
            endif()
        elseif(to MATCHES "^core/(.*)$")
            set(target "${CMAKE_MATCH_1}")
            if(target STREQUAL from OR target IN_LIST allowed_${from})
                set(ok TRUE)
            endif()
        endif()
        if(NOT ok)
            if(top STREQUAL "core")
                set(from_room "core/${from}")
            else()
                set(from_room "${from}")
            endif()
            list(APPEND offenders "${where} runs against the layering (${from_room} -> ${to})")
        endif()
    endforeach()
endforeach()

if(offenders)
    list(JOIN offenders "\n  " text)
    message(FATAL_ERROR "includes must run one way (tests/support/checklayers.cmake says which):\n  ${text}")
endif()
list(LENGTH sources files)
message(STATUS "includes run one way: ${count} includes in ${files} files checked")
