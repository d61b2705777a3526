# Installation, the CMake package, pkg-config, man pages, completions and the
# Debian package (CPack). Layout under PREFIX:
#   bin/trustready
#   lib/libtrustready.a, lib/cmake/trustready/, lib/pkgconfig/trustready.pc
#   include/trustready/<module>/*.h
#   share/trustready/data/        (found by DataDir() relative to the binary)
#   share/doc/trustready/         (README, ARCHITECTURE, schemas, profiles)
#   share/man/man1/, share/bash-completion/completions/, share/zsh/vendor-completions/
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TR_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/trustready)

target_include_directories(trustready_lib PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

install(TARGETS trustready_lib EXPORT trustready-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# In the Debian package, libtrustready.a without its DWARF, as Debian's
# dh_strip treats static libraries (strip --strip-debug): with it the archive
# is ~300 MB and most of the .deb. CPack installs into its own staging tree
# (_CPack_Packages); `make install` keeps the debug info.
find_program(TR_STRIP NAMES strip)
if(TR_STRIP)
  install(CODE "
    set(tr_a \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/libtrustready.a\")
    if(tr_a MATCHES \"_CPack_Packages\" AND EXISTS \"\${tr_a}\")
      execute_process(COMMAND \"${TR_STRIP}\" --strip-debug --enable-deterministic-archives \"\${tr_a}\")
    endif()")
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/trustready DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT trustready-targets NAMESPACE trustready:: DESTINATION ${TR_CMAKE_DIR})
add_library(trustready::trustready ALIAS trustready_lib)
set_target_properties(trustready_lib PROPERTIES EXPORT_NAME trustready)

# What the static library's objects link against, for the package config
# and pkg-config (modules may add libraries; this follows them).
get_target_property(TR_LINKED trustready_lib LINK_LIBRARIES)
set(TR_EXTRA_FIND_DEPENDENCIES "")
set(TR_PC_LIBS_PRIVATE "-lssl -lcrypto -lpthread")
foreach(lib IN LISTS TR_LINKED)
  if(lib STREQUAL "dl")
    string(APPEND TR_PC_LIBS_PRIVATE " -ldl")
  elseif(lib MATCHES "PostgreSQL")
    string(APPEND TR_EXTRA_FIND_DEPENDENCIES "find_dependency(PostgreSQL)\n")
    string(APPEND TR_PC_LIBS_PRIVATE " -lpq")
  endif()
endforeach()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/trustready-config.cmake.in
  ${PROJECT_BINARY_DIR}/trustready-config.cmake INSTALL_DESTINATION ${TR_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/trustready-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/trustready-config.cmake
              ${PROJECT_BINARY_DIR}/trustready-config-version.cmake
        DESTINATION ${TR_CMAKE_DIR})

file(RELATIVE_PATH TR_PC_TO_PREFIX ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(${PROJECT_SOURCE_DIR}/cmake/trustready.pc.in ${PROJECT_BINARY_DIR}/trustready.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/trustready.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/trustready/data)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/ARCHITECTURE.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

if(TARGET trustready)
  install(TARGETS trustready RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  # Man pages and completions come from the built binary's own command tree
  # (`trustready __commands`), so they say what --help says.
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  set(TR_DOCS_OUT ${PROJECT_BINARY_DIR}/docs-gen)
  add_custom_command(OUTPUT ${TR_DOCS_OUT}/stamp
    COMMAND $<TARGET_FILE:trustready> __commands > ${TR_DOCS_OUT}.tree
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/gen-docs.py ${TR_DOCS_OUT} ${PROJECT_VERSION} < ${TR_DOCS_OUT}.tree
    COMMAND ${CMAKE_COMMAND} -E touch ${TR_DOCS_OUT}/stamp
    DEPENDS trustready ${PROJECT_SOURCE_DIR}/scripts/gen-docs.py
    COMMENT "Generating man pages and shell completions")
  add_custom_target(trustready_docs ALL DEPENDS ${TR_DOCS_OUT}/stamp)
  install(DIRECTORY ${TR_DOCS_OUT}/man/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${TR_DOCS_OUT}/completions/trustready.bash
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME trustready)
  install(FILES ${TR_DOCS_OUT}/completions/_trustready
          DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
endif()

# Debian package: `make deb` (a Release build, debug info split into a
# -dbgsym package by CPack).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME trustready)
set(CPACK_PACKAGE_VENDOR "trustready")
set(CPACK_PACKAGE_CONTACT "trustready developers <trustready@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Will these clients trust this server's certificate chain, today and after a CA migration?")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps sees only linked libraries. Three are dlopen()ed on first
# use, so they are named here by Debian's package naming of a soname
# (libNAME.so.N -> libNAMEN, libNAME3.so.0 -> libNAME3-0): libarchive for
# `check --image` (src/image/image.cc), libpq for fleet databases in
# PostgreSQL (src/fleet/db.cc), SQLite for fleet result files
# (src/fleet/sqlite.cc).
function(tr_soname_package soname out)
  string(REGEX REPLACE "^lib(.+)\\.so\\.([0-9]+)$" "\\1;\\2" parts "${soname}")
  list(GET parts 0 name)
  list(GET parts 1 version)
  if(name MATCHES "[0-9]$")
    set(${out} "lib${name}-${version}" PARENT_SCOPE)
  else()
    set(${out} "lib${name}${version}" PARENT_SCOPE)
  endif()
endfunction()
tr_soname_package("${TR_LIBARCHIVE_SONAME}" TR_LIBARCHIVE_PACKAGE)
tr_soname_package("${TR_LIBPQ_SONAME}" TR_LIBPQ_PACKAGE)
tr_soname_package("${TR_SQLITE_SONAME}" TR_SQLITE_PACKAGE)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${TR_LIBARCHIVE_PACKAGE}, ${TR_LIBPQ_PACKAGE}, ${TR_SQLITE_PACKAGE}")
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/trustready")
include(CPack)
