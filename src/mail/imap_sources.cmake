# IMAP intake (included by CMakeLists.txt): MIME decoding, the inbound
# message parser, the libcurl mailbox with its poller, and the dovecot test
# server.
list(APPEND MAIL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/mime_decode.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/inbound_message.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/imap_mailbox.cc)
list(APPEND MAIL_TESTING_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/testing/imap_test_server.cc)
list(APPEND MAIL_TEST_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/mime_decode_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/inbound_message_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/imap_mailbox_test.cc)
