# The SMTP half of the mail module (included by CMakeLists.txt): the Mailer
# interface, message composition, the libcurl SmtpMailer, the per-address
# rate limiter, the aiosmtpd test server, and the complaint notices, the SLA
# job and closure by no reply built on them (tested with a real store in MAIL_STORE_TEST_SOURCES).
list(APPEND MAIL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_message.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_mailer.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/mail_rate_limit.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/complaint_notifier.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/complaint_notifier_ack.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sla_monitor.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/no_reply_closer.cc)
list(APPEND MAIL_TESTING_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/testing/smtp_test_server.cc)
list(APPEND MAIL_TEST_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_message_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/smtp_mailer_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/mail_rate_limit_test.cc)
list(APPEND MAIL_STORE_TEST_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/complaint_notifier_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/sla_monitor_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/no_reply_closer_test.cc)
