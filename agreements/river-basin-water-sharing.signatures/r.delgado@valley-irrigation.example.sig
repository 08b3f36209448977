agreement: river-basin-water-sharing
principal: r.delgado@valley-irrigation.example
fingerprint sha256:8dbe24d2ab37ac90cb2681a590974ee0f8f5b65eefd07e62b7ffd9f2e1ef203c
-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgfL1OGq085Lk5LEVLhIguR5vl3e
rIBTNzjfRWSsvqJbgAAAANbWdhLWFncmVlbWVudAAAAAAAAAAGc2hhNTEyAAAAUwAAAAtz
c2gtZWQyNTUxOQAAAEAqYbvYPYenAq8EzeYE1hNqLi+Z/TZkaMZh6c/Heery34EB4NAuDg
Yf6sn2TyVkFCkn7Gu0aF5eJfEWNRVzNfQF
-----END SSH SIGNATURE-----
