"""`plans serve`: the browser as a web page (textual-serve), one app process per browser tab.

`access` decides who may open a session (token, loopback, same origin) and where its state lives;
`server` is the aiohttp application; `page/` holds our own page template and assets (nothing is
loaded from outside the server).
"""
