# The web server's security logic, without HTTP (docs/users.md, "Login"): sessions, the login
# lockout and the login itself (PIN picks the user, PUK on a browser not unlocked). Included by
# live/web/CMakeLists.txt, which adds these sources (relative to live/web) to ews_web; ews_web
# links ews_sitedb (public: the headers name its types), fmt and OpenSSL::Crypto.
set(EWS_WEB_LOGIC_SOURCES
  src/session_store.cpp
  src/login_throttle.cpp
  src/login_service.cpp)
