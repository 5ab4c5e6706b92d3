%% Logs what a partition does to this node, for the e2e check (docs/e2e.md):
%% nodeup/nodedown of every peer (net_kernel:monitor_nodes/1), and mnesia's
%% system events about peers, among them {inconsistent_database, Context, Node}
%% after a partition that both sides survived.
-module(erlang_docker_events).
-behaviour(gen_server).
-export([start_link/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

init([]) ->
    ok = net_kernel:monitor_nodes(true),
    {ok, _} = mnesia:subscribe(system),
    {ok, #{}}.

handle_call(_Msg, _From, State) ->
    {reply, ok, State}.

handle_cast(_Msg, State) ->
    {noreply, State}.

handle_info({Event, Node}, State) when Event =:= nodeup; Event =:= nodedown ->
    logger:notice("erlang_docker: ~s ~s", [Event, Node]),
    {noreply, State};
handle_info({mnesia_system_event, {Kind, _, _} = Event}, State) when Kind =:= inconsistent_database ->
    logger:notice("erlang_docker: mnesia system event ~0p", [Event]),
    {noreply, State};
handle_info({mnesia_system_event, {Kind, _} = Event}, State) when Kind =:= mnesia_down; Kind =:= mnesia_up ->
    logger:notice("erlang_docker: mnesia system event ~0p", [Event]),
    {noreply, State};
handle_info(_Msg, State) ->
    {noreply, State}.
