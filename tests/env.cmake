# What every test needs, set before the plugins are added so that their
# own tests (plugins/<p>/tests) use the same: cmocka, and the environment
# that points a test at the stack packaging/run-local starts.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)

set(DIMOS_TEST_PORT 18080 CACHE STRING "HTTP port of the test stack")
set(DIMOS_TEST_STATE ${CMAKE_BINARY_DIR}/test-stack)
set(DIMOS_TEST_ENV
	DIMOS_STATE_DIR=${DIMOS_TEST_STATE}
	DIMOS_PORT=${DIMOS_TEST_PORT}
	DIMOS_URL=http://127.0.0.1:${DIMOS_TEST_PORT}
	DIMOS_BUILD_DIR=${CMAKE_BINARY_DIR}
	DIMOS_SOURCE_DIR=${PROJECT_SOURCE_DIR}
	DIMOS_CONFIG=${DIMOS_TEST_STATE}/dimos.ini
	DIMOS_SKIP_BUILD=1
	DIMOS_WORKERS=4
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)

