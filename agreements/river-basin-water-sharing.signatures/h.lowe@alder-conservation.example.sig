agreement: river-basin-water-sharing
principal: h.lowe@alder-conservation.example
fingerprint sha256:8dbe24d2ab37ac90cb2681a590974ee0f8f5b65eefd07e62b7ffd9f2e1ef203c
-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgriJ3gKKzFSvj0wydRMdvX0tqzT
OUxGTLOnOKjY4wvpoAAAANbWdhLWFncmVlbWVudAAAAAAAAAAGc2hhNTEyAAAAUwAAAAtz
c2gtZWQyNTUxOQAAAEBo70FWuUzMwvQRE/A2nXlQB2PELzIK456fD07sUrKw1jRH5pE+u8
YvjGC0y/1tEFMPGZ7Hb1X0lY03aIbiXBoA
-----END SSH SIGNATURE-----
