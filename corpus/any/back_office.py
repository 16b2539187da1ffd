"""Clients for payment, shipping, publishing and AI providers in a back-office service."""
import os

from integrations import Client

# ruleid: any.netlify-token
NETLIFY_TOKEN_CLIENT = Client("nfp_Tr6vHoIzj6eaJBTftBTdefTnfBKIjLNS6hVs")
# ok: any.netlify-token
NETLIFY_TOKEN_FROM_ENV = Client(os.environ["NETLIFY_TOKEN"])

# ruleid: any.nuget-api-key
NUGET_API_KEY_CLIENT = Client("oy20dams11vuiqjdmf6zg4ghunlq0gmzxe9d8nimsh2iya")
# ok: any.nuget-api-key
NUGET_API_KEY_FROM_ENV = Client(os.environ["NUGET_API_KEY"])

# ruleid: any.clojars-token
CLOJARS_TOKEN_CLIENT = Client("CLOJARS_z48dlro1dzpcj5vmfr5byvkww7f92x90ubk6bxlj8bz4ts7wnnturl3avrxi")
# ok: any.clojars-token
CLOJARS_TOKEN_FROM_ENV = Client(os.environ["CLOJARS_TOKEN"])

# ruleid: any.shippo-token
SHIPPO_TOKEN_CLIENT = Client("shippo_live_36066aba829462b5d785bc12846b81141eeb65e8")
# ok: any.shippo-token
SHIPPO_TOKEN_FROM_ENV = Client(os.environ["SHIPPO_TOKEN"])

# ruleid: any.dynatrace-token
DYNATRACE_TOKEN_CLIENT = Client("dt0c01.EG2BMLY3T1Y6PFF8K8OP04H6.XR6JVSFLJDAFGHK004JNQX1OLKRJD2W56YYDTYQXKWPU46JU6QEDNSG4VDHYI7C0")
# ok: any.dynatrace-token
DYNATRACE_TOKEN_FROM_ENV = Client(os.environ["DYNATRACE_TOKEN"])

# ruleid: any.prefect-api-key
PREFECT_API_KEY_CLIENT = Client("pnu_K9YBhgFIk3BFwcCGSmkn2ZgxX2ech3MKXAx6")
# ok: any.prefect-api-key
PREFECT_API_KEY_FROM_ENV = Client(os.environ["PREFECT_API_KEY"])

# ruleid: any.bitbucket-app-password
BITBUCKET_APP_PASSWORD_CLIENT = Client("ATBB0AC1reQcIlZXbW974oLHOMrszkubAiYd")
# ok: any.bitbucket-app-password
BITBUCKET_APP_PASSWORD_FROM_ENV = Client(os.environ["BITBUCKET_APP_PASSWORD"])

# ruleid: any.asana-token
ASANA_TOKEN_CLIENT = Client("2/5632156152174904/5687479078961219:3af92fed1ff3000d24f9360f20988908")
# ok: any.asana-token
ASANA_TOKEN_FROM_ENV = Client(os.environ["ASANA_TOKEN"])

# ruleid: any.frameio-token
FRAMEIO_TOKEN_CLIENT = Client("fio-u-BYxzVpjp8M5VVk8_sQOQ5ouDo0r0YVeJq6qmaKaAMQQwJhzKzRvsF4NexlSlWrn9")
# ok: any.frameio-token
FRAMEIO_TOKEN_FROM_ENV = Client(os.environ["FRAMEIO_TOKEN"])

# ruleid: any.readme-api-key
README_API_KEY_CLIENT = Client("rdme_aux8e228469btca2mhbxrycix87vsgojhc30xrmu77vtcoi6q1ty3vqnw1v0rk8ax2auo6")
# ok: any.readme-api-key
README_API_KEY_FROM_ENV = Client(os.environ["README_API_KEY"])

# ruleid: any.easypost-api-key
EASYPOST_API_KEY_CLIENT = Client("EZAKIwpBj6RQrmfLITZ8Ur5mvUyEYpyrdOUTB8Rwgxgzc6mvPAa3H7pJ5i")
# ok: any.easypost-api-key
EASYPOST_API_KEY_FROM_ENV = Client(os.environ["EASYPOST_API_KEY"])

# ruleid: any.flutterwave-key
FLUTTERWAVE_KEY_CLIENT = Client("FLWSECK-gc8gdgcf75817454gb82fggggd71596a-X")
# ok: any.flutterwave-key
FLUTTERWAVE_KEY_FROM_ENV = Client(os.environ["FLUTTERWAVE_KEY"])

# ruleid: any.duffel-token
DUFFEL_TOKEN_CLIENT = Client("duffel_live_IpqhGvmsawYgpHprsqcBAzBIhzRWgRsLmS3xhGHoWS7")
# ok: any.duffel-token
DUFFEL_TOKEN_FROM_ENV = Client(os.environ["DUFFEL_TOKEN"])

# ruleid: any.cloudflare-origin-ca-key
CLOUDFLARE_ORIGIN_CA_KEY_CLIENT = Client("v1.0-3ff40839ae8802bef652003f-a30be8e575fb897243c1fc2f32ed033e821d28a081fb057be1871383f5108c4f79a64872e7386f46265d45644f147bb7540bdd74e92c2a5f78594610d59985f7d82b49762f53ef37b4")
# ok: any.cloudflare-origin-ca-key
CLOUDFLARE_ORIGIN_CA_KEY_FROM_ENV = Client(os.environ["CLOUDFLARE_ORIGIN_CA_KEY"])

# ruleid: any.azure-ad-client-secret
AZURE_AD_CLIENT_SECRET_CLIENT = Client("8P08Q~Jb0uIZVc60sdwpeI3Jf63WY5UdCG_4rHP8")
# ok: any.azure-ad-client-secret
AZURE_AD_CLIENT_SECRET_FROM_ENV = Client(os.environ["AZURE_AD_CLIENT_SECRET"])

# ruleid: any.mapbox-secret-token
MAPBOX_SECRET_TOKEN_CLIENT = Client("sk.eyJDiYG2_YSn-ehtzrLgqchr-aZ5LBZbIISO4i5AvuaubHdms0zxAUHGPc3Shob.obWJ6mwBgr4lKwF_dNN24D")
# ok: any.mapbox-secret-token
MAPBOX_SECRET_TOKEN_FROM_ENV = Client(os.environ["MAPBOX_SECRET_TOKEN"])

# ruleid: any.plaid-access-token
PLAID_ACCESS_TOKEN_CLIENT = Client("access-production-5d48cbd3-826c-c894-7ba2-cbc0ef61cc5c")
# ok: any.plaid-access-token
PLAID_ACCESS_TOKEN_FROM_ENV = Client(os.environ["PLAID_ACCESS_TOKEN"])

# ruleid: any.pinecone-api-key
PINECONE_API_KEY_CLIENT = Client("pcsk_GPn4OE_xuyZ7LA2qqOlJJFAtA086oRXToIiRg7t3cmrjklfmLMoePw64DtwPVzQWinD")
# ok: any.pinecone-api-key
PINECONE_API_KEY_FROM_ENV = Client(os.environ["PINECONE_API_KEY"])

# ruleid: any.elevenlabs-api-key
ELEVENLABS_API_KEY_CLIENT = Client("sk_58ad99ae6ca10412e6fdb73e5f6c49c9fd93439064500163")
# ok: any.elevenlabs-api-key
ELEVENLABS_API_KEY_FROM_ENV = Client(os.environ["ELEVENLABS_API_KEY"])

# ruleid: any.resend-api-key
RESEND_API_KEY_CLIENT = Client("re_EuDqO85z_UNrKe4W4X4xcOw3cjnUHQzPr")
# ok: any.resend-api-key
RESEND_API_KEY_FROM_ENV = Client(os.environ["RESEND_API_KEY"])

# ruleid: any.neon-api-key
NEON_API_KEY_CLIENT = Client("napi_3p15lfb9vtik9q5fgohg0it1mmoq3eiykmimtukn0malr27hd8dg7k9tamo3z3ys")
# ok: any.neon-api-key
NEON_API_KEY_FROM_ENV = Client(os.environ["NEON_API_KEY"])

