# A Phoenix-chat stand-in with no dependencies (builds offline): HTTP through
# OTP's :httpd, a PubSub-style room through :pg, peers found by the SRV query
# that libcluster's Kubernetes.DNSSRV makes, and messages kept by mnesia in
# ERLANG_DATA_DIR. One project, three releases: `chat` (the dist port pinned in
# rel/vm.args.eex), `chat_epmdless` (rel/epmdless/: no epmd) and `chat_cookie_file`
# (rel/cookie-file/ and an empty build-time cookie: the cookie read from
# $HOME/.erlang.cookie). See docs/e2e.md.
defmodule Chat.MixProject do
  use Mix.Project

  def project do
    [
      app: :chat,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: true,
      deps: [],
      releases: [
        chat: [include_executables_for: [:unix]],
        chat_epmdless: [include_executables_for: [:unix], rel_templates_path: "rel/epmdless"],
        chat_cookie_file: [
          include_executables_for: [:unix],
          rel_templates_path: "rel/cookie-file",
          # CookieDelivery.FILE: releases/COOKIE is empty, so the start script's
          # RELEASE_COOKIE and -setcookie are empty and no VM holds a cookie.
          cookie: ""
        ]
      ]
    ]
  end

  def application do
    # mnesia is started by Chat.Store once its directory is known to hold a schema.
    [extra_applications: [:logger, :inets], included_applications: [:mnesia], mod: {Chat.Application, []}]
  end
end
