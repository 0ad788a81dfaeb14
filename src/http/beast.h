// The one include of Boost.Beast and Boost.Asio for Hearken. Boost 1.74's
// awaitable.hpp uses std::exchange without including <utility>, so it must
// come first (see ../shared/NOTES.md). Boost 1.74 enables co_await for clang
// only on the pre-standard <experimental/coroutine>; clang 14 with C++20 has
// the standard one, so say so (the fuzz build is clang's, fuzz/README.md).
#pragma once

#include <utility>

#if defined(__clang__) && defined(__cpp_impl_coroutine) && !defined(BOOST_ASIO_HAS_CO_AWAIT)
#define BOOST_ASIO_HAS_CO_AWAIT 1
#endif

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
