%% Boot order: discovery first (peers must be connected for mnesia to join or
%% load), then the tables, and only then the HTTP port, which is what the
%% readiness probe asks. A node whose tables cannot load is therefore never
%% Ready: that is what deadlocks an OrderedReady StatefulSet (docs/e2e.md).
-module(erlang_docker_app).
-behaviour(application).
-export([start/2, stop/1]).

start(_Type, _Args) ->
    {ok, Sup} = erlang_docker_sup:start_link(),
    ok = erlang_docker_store:start(),
    {ok, _} = supervisor:start_child(Sup, #{id => erlang_docker_events, start => {erlang_docker_events, start_link, []}}),
    {ok, _} = erlang_docker_http:start(),
    logger:notice("erlang_docker: ready on ~s", [node()]),
    {ok, Sup}.

stop(_State) ->
    ok.
