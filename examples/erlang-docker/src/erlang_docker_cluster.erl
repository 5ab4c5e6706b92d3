%% Peer discovery as libcluster's Cluster.Strategy.Kubernetes.DNSSRV does it:
%% an SRV query for the headless Service, `<service>.<namespace>.svc.<domain>`,
%% whose targets are the pods' FQDNs; the node names are `<basename>@<target>`.
%% Every polling interval, peers not yet connected are pinged. Nothing else
%% tells the node who its peers are.
-module(erlang_docker_cluster).
-behaviour(gen_server).
-export([start_link/0, peers/0, query/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-include_lib("kernel/include/inet.hrl").

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% The peers the last SRV answer named (this node excluded).
peers() ->
    gen_server:call(?MODULE, peers).

%% The SRV name queried, as libcluster builds it.
query() ->
    lists:flatten([env(cluster_service), ".", env(namespace), ".svc.", env(cluster_domain)]).

init([]) ->
    self() ! poll,
    {ok, #{peers => []}}.

handle_call(peers, _From, State) ->
    {reply, maps:get(peers, State), State}.

handle_cast(_Msg, State) ->
    {noreply, State}.

handle_info(poll, State) ->
    Peers = case env(discovery) of
                "dnssrv" -> connect(srv_peers());
                _ -> []
            end,
    erlang:send_after(application:get_env(erlang_docker, polling_interval_ms, 5000), self(), poll),
    {noreply, State#{peers := Peers}};
handle_info(_Msg, State) ->
    {noreply, State}.

srv_peers() ->
    case inet_res:getbyname(query(), srv) of
        {ok, #hostent{h_addr_list = Records}} ->
            Names = [list_to_atom(env(basename) ++ "@" ++ Target) || {_Prio, _Weight, _Port, Target} <- Records],
            lists:usort(Names) -- [node()];
        {error, _} ->
            []
    end.

connect(Peers) ->
    [net_adm:ping(P) || P <- Peers, not lists:member(P, nodes())],
    Peers.

env(Key) ->
    {ok, Value} = application:get_env(erlang_docker, Key),
    Value.
