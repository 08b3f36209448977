agreement: river-basin-water-sharing
principal: m.kowalski@dwr.state.example
fingerprint sha256:8dbe24d2ab37ac90cb2681a590974ee0f8f5b65eefd07e62b7ffd9f2e1ef203c
-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgib1WNvojhLsHGY5Ll0kjacJy4e
EubWC+J7WGjLU8mO0AAAANbWdhLWFncmVlbWVudAAAAAAAAAAGc2hhNTEyAAAAUwAAAAtz
c2gtZWQyNTUxOQAAAEC8xUwJwFz690gJOESo04jawb3qw6HMQr6ZvH7GG5+2Y8kgs7TzzM
gp/1YxaSIIDxK1tZd7fE6k8FbIzJI8Lx0L
-----END SSH SIGNATURE-----
