# The SMTP half of the mail module (included by CMakeLists.txt): the Mailer
# interface, message composition, the libcurl SmtpMailer, the per-address
# rate limiter, and the aiosmtpd test server.
list(APPEND MAIL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_message.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_mailer.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/mail_rate_limit.cc)
list(APPEND MAIL_TESTING_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/testing/smtp_test_server.cc)
list(APPEND MAIL_TEST_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_message_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_mailer_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/mail_rate_limit_test.cc)
