agreement: river-basin-water-sharing
principal: l.tworivers@alder-tribes.example
fingerprint sha256:8dbe24d2ab37ac90cb2681a590974ee0f8f5b65eefd07e62b7ffd9f2e1ef203c
-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg7PkRpWM0VnII7a5nv4VUjxE9tH
C/Ww3UcyjOjm2xsi0AAAANbWdhLWFncmVlbWVudAAAAAAAAAAGc2hhNTEyAAAAUwAAAAtz
c2gtZWQyNTUxOQAAAECdAZz7hC8ejIzsXdNDVnY/LcQWmPbiPS6Pqs8dutefdej+rYxpov
jwFBZh4P6+P8WSDhYFve6RE80/s9ooP4oM
-----END SSH SIGNATURE-----
