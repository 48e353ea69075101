# The expression grammar. One nonterminal per precedence level, loosest first:
#   sum (+ -)  <  product (* / and juxtaposition)  <  signed (unary -)  <  power (^, right-associative)  <  atom
# so -x^2 is -(x^2), 2^-x is 2^(-x), 2^3^2 is 2^(3^2), and 2x^2 is 2*(x^2).
# Juxtaposition (implicit multiplication) never starts with a number or a sign: `2 3` and `x -y` are not products.
# Postprocessors only record syntax (src/parser/syntax.ts); building expressions happens after the parse.
@preprocessor typescript

@{%
import { lexer } from "./lexer.js";
import * as s from "./syntax.js";
%}

@lexer lexer

expression -> sum                            {% id %}

sum        -> sum %plus product              {% s.binary %}
            | sum %minus product             {% s.binary %}
            | product                        {% id %}

product    -> product %times signed          {% s.binary %}
            | product %divide signed         {% s.binary %}
            | product juxtaposed             {% s.implicit %}
            | signed                         {% id %}

signed     -> %minus signed                  {% s.unary %}
            | %plus signed                   {% s.unary %}
            | power                          {% id %}

power      -> atom %pow signed               {% s.binary %}
            | atom                           {% id %}

juxtaposed -> operand %pow signed            {% s.binary %}
            | operand                        {% id %}

atom       -> %number                        {% s.number %}
            | operand                        {% id %}

operand    -> %name                          {% s.name %}
            | %call arguments %rparen        {% s.call %}
            | %lparen sum %rparen            {% s.group %}

arguments  -> null                           {% s.noArguments %}
            | argumentList                   {% id %}

argumentList -> sum                          {% s.firstArgument %}
            | argumentList %comma sum        {% s.nextArgument %}
