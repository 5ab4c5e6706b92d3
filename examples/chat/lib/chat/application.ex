defmodule Chat.Application do
  @moduledoc """
  Boot order: the message store (mnesia in ERLANG_DATA_DIR), then the room and
  discovery, and the HTTP port last: the readiness probe (a TCP connect to port
  http) passes only once the node has started.
  """
  use Application
  require Logger

  @impl true
  def start(_type, _args) do
    :ok = Chat.Store.start()

    children = [
      %{id: :pg_chat, start: {:pg, :start_link, [Chat.Room.scope()]}},
      Chat.Room,
      Chat.Cluster
    ]

    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one, name: Chat.Supervisor)
    {:ok, _} = Chat.Web.start()
    Logger.notice("chat: ready on #{node()}")
    {:ok, sup}
  end
end
