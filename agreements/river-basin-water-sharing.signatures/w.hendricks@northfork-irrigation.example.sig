agreement: river-basin-water-sharing
principal: w.hendricks@northfork-irrigation.example
fingerprint sha256:8dbe24d2ab37ac90cb2681a590974ee0f8f5b65eefd07e62b7ffd9f2e1ef203c
-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg2TIkxbgswgQY/wsSbHB49wSJ0S
/kQJSY+Kqcajtw4DoAAAANbWdhLWFncmVlbWVudAAAAAAAAAAGc2hhNTEyAAAAUwAAAAtz
c2gtZWQyNTUxOQAAAEDpFTjs4UrKkDWCsQf0WbtgcYTXK6Ir5nN5eMoyxXc9ZjDzr5vq3X
/M4iaLHZYtEiMS+4xCegwj+hC7FSdYPssH
-----END SSH SIGNATURE-----
