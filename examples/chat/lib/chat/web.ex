defmodule Chat.Web do
  @moduledoc """
  HTTP on OTP's `:httpd`, port 4000:

      GET  /ping       pong
      POST /broadcast  the body, sent to every node's room; answers the number of members
      GET  /messages   the messages this node received, one per line
      GET  /node       this node's name
      GET  /nodes      the connected nodes, one per line (for the e2e check)
      GET  /discovery  the SRV name queried, then the nodes it named, one per line
  """
  require Record
  Record.defrecordp(:mod, Record.extract(:mod, from_lib: "inets/include/httpd.hrl"))

  @port 4000

  def start do
    :inets.start(:httpd,
      port: @port,
      bind_address: :any,
      server_name: ~c"chat",
      server_root: ~c"/tmp",
      document_root: ~c"/tmp",
      modules: [__MODULE__]
    )
  end

  # httpd's callback is named `do`, a reserved word in Elixir.
  def unquote(:do)(request) do
    case {mod(request, :method), mod(request, :request_uri)} do
      {~c"GET", ~c"/ping"} -> reply(200, "pong")
      {~c"POST", ~c"/broadcast"} -> reply(200, "#{Chat.Room.broadcast(to_string(mod(request, :entity_body)))}")
      {~c"GET", ~c"/messages"} -> reply(200, lines(Chat.Store.all()))
      {~c"GET", ~c"/node"} -> reply(200, "#{node()}")
      {~c"GET", ~c"/nodes"} -> reply(200, lines(Enum.sort(Node.list())))
      {~c"GET", ~c"/discovery"} -> reply(200, lines([Chat.Cluster.query() | Chat.Cluster.discovered()]))
      _ -> reply(404, "not found")
    end
  end

  defp lines(items), do: Enum.map_join(items, "", &"#{&1}\n")

  # httpd wants the body as a flat charlist.
  defp reply(code, body), do: {:proceed, [response: {code, to_charlist(body)}]}
end
