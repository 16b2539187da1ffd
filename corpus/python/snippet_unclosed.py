import pickle, os

def load(blob):
    # ruleid: python.pickle-load
    obj = pickle.loads(blob)
    # ruleid: python.os-system
    os.system("rm -rf " + obj.path)
    # ruleid: python.asyncio-subprocess-shell
    asyncio.create_subprocess_shell("echo " + obj.name)
    return obj

def broken(items):
    # ruleid: python.eval-exec
    total = eval(items[0])
    for x in items[1:]:
        print(x, total
