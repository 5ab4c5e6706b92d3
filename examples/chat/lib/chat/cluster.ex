defmodule Chat.Cluster do
  @moduledoc """
  Peer discovery as libcluster's `Cluster.Strategy.Kubernetes.DNSSRV` does it:
  an SRV query of `<service>.<namespace>.svc.<CLUSTER_DOMAIN>` (libcluster's
  default domain: `cluster.local.`) with `:inet_res.getbyname/2`; each target
  is a pod's DNS name, and the node to connect is `<basename>@<target>`.
  Polled every second. Nothing else tells the node who its peers are.
  """
  use GenServer
  require Logger

  @poll_ms 1_000

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @doc "The SRV name queried."
  def query do
    "#{System.fetch_env!("ERLANG_CLUSTER_SERVICE")}.#{System.fetch_env!("NAMESPACE")}.svc.#{System.get_env("CLUSTER_DOMAIN", "cluster.local.")}"
  end

  @doc "The nodes the last SRV answer named, this node excluded."
  def discovered, do: GenServer.call(__MODULE__, :discovered)

  @doc """
  Leaves the mesh before the pod goes (the cluster's leave hook runs it with
  `bin/<release> rpc`): discovery stops, only this node may connect from now on,
  and every peer is disconnected, so peers see it go at once rather than when
  the VM stops. Each node keeps its own mnesia schema here, so there are no
  table copies to move. Returns the number of peers left.
  """
  def leave do
    :ok = GenServer.call(__MODULE__, :leave)
    :ok = :net_kernel.allow([node()])
    peers = Node.list()
    Enum.each(peers, &Node.disconnect/1)
    Logger.notice("chat: left the mesh: #{inspect(peers)}")
    length(peers)
  end

  @impl true
  def init([]) do
    send(self(), :poll)
    {:ok, []}
  end

  @impl true
  def handle_call(:discovered, _from, peers), do: {:reply, peers, peers}
  def handle_call(:leave, _from, _peers), do: {:reply, :ok, :left}

  @impl true
  def handle_info(:poll, :left), do: {:noreply, :left}

  def handle_info(:poll, _peers) do
    peers = srv_peers()
    for peer <- peers, peer not in Node.list(), do: Node.connect(peer)
    Process.send_after(self(), :poll, @poll_ms)
    {:noreply, peers}
  end

  defp srv_peers do
    basename = System.fetch_env!("ERLANG_NODE_BASENAME")

    case :inet_res.getbyname(to_charlist(query()), :srv) do
      {:ok, {:hostent, _name, _aliases, :srv, _length, records}} ->
        records
        |> Enum.map(fn {_priority, _weight, _port, target} -> :"#{basename}@#{target}" end)
        |> Enum.uniq()
        |> Enum.sort()
        |> List.delete(node())

      {:error, reason} ->
        Logger.warning("chat: SRV #{query()}: #{inspect(reason)}")
        []
    end
  end
end
