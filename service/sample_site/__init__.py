"""The bundled sample of Ofsted's reports site: what the demo and loopback tests serve."""
