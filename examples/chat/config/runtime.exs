import Config

# The data volume, as the manifests name it (ERLANG_DATA_DIR = storage.mountPath).
config :mnesia, dir: to_charlist(Path.join(System.fetch_env!("ERLANG_DATA_DIR"), "mnesia"))
