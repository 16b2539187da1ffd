# Cipher modules imported under other names.
from Crypto.Cipher import DES3 as TripleDES
from Crypto.Cipher import AES as Block

def legacy(key, iv, data):
    # ruleid: python.weak-cipher
    cipher = TripleDES.new(key, TripleDES.MODE_CBC, iv)
    return cipher.encrypt(data)

def modern(key, data):
    # ok: python.weak-cipher
    cipher = Block.new(key, Block.MODE_GCM)
    return cipher.encrypt_and_digest(data)
