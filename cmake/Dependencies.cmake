# find_package()/pkg-config only: every dependency comes from a Debian package that
# scripts/install-deps.sh installs. No downloads, no vendored copies.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)  # libpq: the PostgreSQL backend (store/postgres/)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(fmt REQUIRED)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(FREEXL REQUIRED IMPORTED_TARGET freexl)
find_package(pugixml REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(EXPAT REQUIRED)
pkg_check_modules(POPPLERCPP REQUIRED IMPORTED_TARGET poppler-cpp)
find_package(muparser REQUIRED)                                  # scoring: formula rule kind
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo pangoft2 fontconfig cairo-pdf cairo-png)
find_package(ZLIB REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Boost 1.74 REQUIRED)                                # server: Beast/Asio, header-only (Boost::headers)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)     # server: argon2id passwords
if(JIXIAO_BUILD_TESTS)
  find_package(GTest REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)  # the API tests' HTTP client; no CMake config in Debian
endif()
