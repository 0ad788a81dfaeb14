# IMAP intake (included by CMakeLists.txt): MIME decoding, the inbound
# message parser, the libcurl mailbox with its poller, the dovecot test
# server, and complaint intake on top of them.
list(APPEND MAIL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/mime_decode.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/inbound_message.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/imap_mailbox.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/imap_intake.cc)
list(APPEND MAIL_TESTING_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/testing/imap_test_server.cc)
list(APPEND MAIL_TEST_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/mime_decode_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/inbound_message_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/imap_mailbox_test.cc)
list(APPEND MAIL_STORE_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/imap_intake_test.cc)
